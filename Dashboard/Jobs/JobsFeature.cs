namespace Dashboard.Jobs;

public static class JobsFeature
{
    public static IServiceCollection AddModelJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobQueue>();
        services.AddSingleton<ModelRunReader>();
        services.AddHostedService<JobWorker>();
        return services;
    }

    /// <summary>Registers a model run kind; the worker finds it by <see cref="IModelJob.Kind"/>.</summary>
    public static IServiceCollection AddModelJob<TJob>(this IServiceCollection services) where TJob : class, IModelJob =>
        services.AddSingleton<IModelJob, TJob>();
}
