using StackExchange.Redis;

namespace Dashboard.Jobs;

/// <summary>
/// Tells every process on the store, through Redis, that a run was queued or moved here, so their pages update at once
/// instead of at the next poll (<see cref="RunStatusPoller"/> still catches anything missed while Redis was away).
/// </summary>
internal sealed partial class RedisRunSignal(JobQueue queue, IConnectionMultiplexer redis, ILogger<RedisRunSignal> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("dashboard:runs");
    private readonly string _sender = Guid.NewGuid().ToString("N");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            if (message.ToString() != _sender)
            {
                _ = RefreshAsync();
            }
        });
        queue.ChangedHere += OnChangedHere;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.ChangedHere -= OnChangedHere;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
        catch (RedisException ex)
        {
            // Redis went away first; there is nothing left to unsubscribe from.
            LogUnsubscribeFailed(logger, ex);
        }
    }

    private void OnChangedHere(JobStatus status)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, _sender, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // Without Redis the other processes still see the run at their next poll; the run itself goes on.
            LogPublishFailed(logger, ex, status.RunId);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await queue.RefreshAsync(CancellationToken.None);
        }
        catch (System.Data.Common.DbException ex)
        {
            LogMissed(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not signal model run #{RunId} over Redis; other instances will see it at their next poll")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long runId);

    [LoggerMessage(LogLevel.Information, "Redis was gone before the run signal could unsubscribe")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "A run signal arrived but the runs could not be read; the next poll will catch up")]
    private static partial void LogMissed(ILogger logger, Exception exception);
}
