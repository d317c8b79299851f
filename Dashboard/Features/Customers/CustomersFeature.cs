namespace Dashboard.Features.Customers;

public static class CustomersFeature
{
    public static IServiceCollection AddCustomersFeature(this IServiceCollection services) =>
        services.AddScoped<CustomerListService>().AddScoped<CustomerService>();
}
