using System.Data.Common;
using System.Diagnostics;

namespace Sessions.Caching.Tests.Wire;

/// <summary>SqlClient's DiagnosticListener raises WriteCommandBefore once per command sent.</summary>
public sealed class SqlClientCommandCounter : WireCommandCounter, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string ListenerName = "SqlClientDiagnosticListener";
    private const string CommandBefore = "Microsoft.Data.SqlClient.WriteCommandBefore";
    private readonly List<IDisposable> _subscriptions = [];

    public SqlClientCommandCounter(string marker)
        : base(marker)
    {
        lock (_subscriptions)
        {
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }
    }

    public override void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == ListenerName)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == CommandBefore));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == CommandBefore)
        {
            var command = value.Value?.GetType().GetProperty("Command")?.GetValue(value.Value) as DbCommand;
            Observe(command?.CommandText);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
