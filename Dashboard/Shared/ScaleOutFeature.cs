using Dashboard.Data;
using Dashboard.Jobs;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Dashboard.Shared;

/// <summary>
/// What lets several app instances serve one team: the data-protection key ring in the store (a sign-in cookie or an
/// antiforgery token from one instance is valid on another), and, when <c>Redis:Configuration</c> is set, Redis as the
/// SignalR backplane and as the channel that tells every instance at once that a model run moved.
/// </summary>
public static class ScaleOutFeature
{
    public const string RedisSetting = "Redis:Configuration";
    public const string InstanceSetting = "Instance:Name";

    public static IServiceCollection AddDashboardScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("CustomerAssetDashboard").PersistKeysToDbContext<DashboardDbContext>();
        if (configuration[RedisSetting] is { Length: > 0 } redis)
        {
            services.AddSignalR().AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("dashboard"));
            services.AddRedisRunSignal(redis);
        }
        return services;
    }

    /// <summary>Run notifications over Redis, for processes without a web host (the `worker` verb) too.</summary>
    public static IServiceCollection AddRedisRunSignal(this IServiceCollection services, string redis)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddHostedService<RedisRunSignal>();
        return services;
    }

    /// <summary>`/healthz` for the load balancer and scripts, and the instance's name on every response when it has one.</summary>
    public static WebApplication UseDashboardInstance(this WebApplication app)
    {
        var name = app.Configuration[InstanceSetting];
        if (name is { Length: > 0 })
        {
            app.Use((context, next) =>
            {
                context.Response.Headers["X-Dashboard-Instance"] = name;
                return next(context);
            });
        }
        app.MapGet("/healthz", () => Results.Text(name is { Length: > 0 } ? "ok " + name : "ok"));
        return app;
    }
}
