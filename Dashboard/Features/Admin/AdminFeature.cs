namespace Dashboard.Features.Admin;

public static class AdminFeature
{
    public static IServiceCollection AddAdminFeature(this IServiceCollection services) =>
        services.AddSingleton<UserAdminService>();
}
