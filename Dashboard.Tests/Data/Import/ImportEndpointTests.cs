using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Data.Import;
using Dashboard.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Dashboard.Tests.Data.Import.ImportTestKit;

namespace Dashboard.Tests.Data.Import;

public sealed class ImportEndpointTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Dashboard", _database.ConnectionString);
            builder.UseSetting("Demo:SeedOnFirstStart", "false");
            builder.UseSetting("Import:MaxUploadBytes", "4096");
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Post_BadFile_Returns400WithTheReport()
    {
        using var client = _factory.CreateClient();

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
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/api/import/customers", Upload("customers.csv", ThreeCustomers));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<ImportReportJson>();
        Assert.Equal((true, 4L), (report!.Succeeded, report.RowsInserted));
        await using var kitDb = await _database.Factory.CreateDbContextAsync();
        Assert.Equal(4, kitDb.SourceIdentities.Count());
    }

    [Fact]
    public async Task Post_UnknownKind_Returns400()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync("/api/import/invoices", Upload("x.csv", "a,b\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown kind 'invoices'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_NoFileField_Returns400()
    {
        using var client = _factory.CreateClient();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        using var response = await client.PostAsync("/api/import/spend", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field named 'file'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_FileOverTheUploadLimit_Returns413()
    {
        using var client = _factory.CreateClient();

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
