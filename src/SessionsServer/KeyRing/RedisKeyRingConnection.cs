using StackExchange.Redis;

namespace SessionsServer.KeyRing;

/// <summary>
/// The Redis connection the key ring is read through. A connection made while Redis was down reconnects on its own
/// schedule, seconds after Redis is back, and until then every key-ring read times out; so a connection that is
/// not connected is replaced by a fresh one at the next read, which succeeds as soon as Redis answers.
/// </summary>
internal sealed class RedisKeyRingConnection(ConfigurationOptions options) : IDisposable
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
