using System.ComponentModel.DataAnnotations;

namespace Dashboard.Security;

/// <summary>Sign-in hardening settings (section "Security").</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Sign-in form posts allowed per client address per minute (rate limiting before lockout).</summary>
    [Range(1, 10_000)]
    public int LoginPostsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins in a row before the account is locked out.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    [Range(5, 7 * 24 * 60)]
    public int SessionMinutes { get; set; } = 8 * 60;

    /// <summary>
    /// Mark cookies Secure outside Development (the default). Only for plain-http loopback set-ups such as
    /// scripts/cluster.sh; anything users reach must be served over TLS with this left on.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>Create one demo user per role (passwords generated and printed once) when the demo brand is seeded.</summary>
    public bool DemoUsers { get; set; } = true;
}
