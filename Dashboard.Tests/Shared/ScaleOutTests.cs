using Dashboard.Data;
using Dashboard.Shared;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Shared;

public class ScaleOutTests
{
    private static ServiceProvider Instance(TestDatabase db)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(db.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDashboardData(configuration, Path.GetTempPath()).AddDashboardScaleOut(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task DataProtection_TwoInstancesOnOneStore_ReadEachOthersProtectedPayloads()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var first = Instance(db);
        await using var second = Instance(db);

        var token = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Protect("brand-manager");
        var read = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in").Unprotect(token);

        Assert.Equal("brand-manager", read);
        await using var context = await db.Factory.CreateDbContextAsync();
        Assert.Equal(1, await context.DataProtectionKeys.CountAsync());
    }
}
