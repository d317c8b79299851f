using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Import;
using Dashboard.Security;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

/// <summary>The app on an empty store with a small upload limit (4 KiB), so the limit can be tested.</summary>
public sealed class ImportAppFactory : DashboardAppFactory
{
    protected override int DemoCustomers => 0;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:MaxUploadBytes", "4096");
    }
}

public sealed class ImportEndpointTests(ImportAppFactory factory) : IClassFixture<ImportAppFactory>
{
    [Fact]
    public async Task Post_BadFile_Returns400WithTheReport()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.PostAsync("/api/import/orders", Upload("orders.csv",
            OrdersHeader + "\ntmall,A1,1,u1,2024-06-18T20:00:00Z,SKU-1,Serum,serum,-1,99.5\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<ImportReportJson>();
        Assert.NotNull(report);
        Assert.Equal(("orders", "orders.csv", false), (report.Kind, report.File, report.Succeeded));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((2L, "quantity"), (problem.Line, problem.Column));
        Assert.Contains("negative", problem.Problem);
    }

    [Fact]
    public async Task Post_GoodFile_Returns200AndApplies()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.PostAsync("/api/import/customers", Upload("customers.csv", ThreeCustomers));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<ImportReportJson>();
        Assert.Equal((true, 4L), (report!.Succeeded, report.RowsInserted));
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        Assert.Equal(4, await db.SourceIdentities.CountAsync(i => i.ImportRunId == report.ImportRunId));
    }

    [Fact]
    public async Task Post_UnknownKind_Returns400()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.PostAsync("/api/import/invoices", Upload("x.csv", "a,b\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown kind 'invoices'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_NoFileField_Returns400()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await client.PostAsync("/api/import/spend", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field named 'file'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_FileOverTheUploadLimit_Returns413()
    {
        using var client = await factory.SignedInClientAsync(Roles.Admin);

        using var response = await client.PostAsync("/api/import/spend", Upload("big.csv", SpendHeader + "\n" + new string(' ', 8192)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static MultipartFormDataContent Upload(string fileName, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
