using System.ComponentModel.DataAnnotations;

namespace Dashboard.Features.Account;

public sealed class SignInForm
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";

    [Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";
}

public sealed class NewUserForm
{
    [Required, EmailAddress, StringLength(256)]
    public string Email { get; set; } = "";

    [Required, StringLength(128, MinimumLength = 12), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required, Compare(nameof(Password)), DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";

    public string Role { get; set; } = Security.Roles.Viewer;
}

public static class ReturnUrls
{
    /// <summary>Only app-relative paths are followed after sign-in ("/x", not "//host" or "http://host"): no open redirect.</summary>
    public static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
