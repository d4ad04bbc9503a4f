namespace Sessions.Testing.Hosting;

/// <summary>
/// A configured store or server that cannot be used. Its message is one line naming the server and the error, and
/// it fails the scenarios (a store someone asked for must never turn into a silent skip).
/// </summary>
public sealed class ServerStartException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The first line of an error, so driver messages with stack-like detail stay one line.</summary>
    public static string FirstLine(Exception error)
    {
        var message = error.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
