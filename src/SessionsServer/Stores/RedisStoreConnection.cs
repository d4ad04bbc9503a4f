using StackExchange.Redis;

namespace SessionsServer.Stores;

/// <summary>
/// The Redis connection the key ring is read through, and the session locks are taken on. A connection made while Redis was down reconnects on its own
/// schedule, seconds after Redis is back, and until then every call on it times out; so a connection that is
/// not connected is replaced by a fresh one at the next call, which succeeds as soon as Redis answers.
/// </summary>
internal sealed class RedisStoreConnection(ConfigurationOptions options) : IDisposable
{
    private readonly Lock _gate = new();
    private ConnectionMultiplexer? _connection;

    public IDatabase Database()
    {
        lock (_gate)
        {
            if (_connection is not { IsConnected: true })
            {
                _connection?.Dispose();
                _connection = null;

                // Fails at once (or after the connect timeout) while Redis is away, so the caller answers 503 quickly.
                _connection = ConnectionMultiplexer.Connect(options);
            }

            return _connection.GetDatabase();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }
}
