namespace Dashboard.Jobs;

public static class JobsFeature
{
    /// <summary>
    /// The queue, its poller and (unless <c>Jobs:RunInProcess</c> is false) a worker in this process. A `Dashboard worker`
    /// process calls this with <paramref name="forceWorker"/> so it executes runs whatever the setting says.
    /// </summary>
    public static IServiceCollection AddModelJobs(this IServiceCollection services, IConfiguration configuration, bool forceWorker = false)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<ModelRunReader>();
        services.AddHostedService<RunStatusPoller>();
        if (forceWorker || configuration.GetValue(JobsOptions.Section + ":" + nameof(JobsOptions.RunInProcess), true))
        {
            services.AddHostedService<JobWorker>();
        }
        return services;
    }

    /// <summary>Registers a model run kind; the worker finds it by <see cref="IModelJob.Kind"/>.</summary>
    public static IServiceCollection AddModelJob<TJob>(this IServiceCollection services) where TJob : class, IModelJob =>
        services.AddSingleton<IModelJob, TJob>();
}
