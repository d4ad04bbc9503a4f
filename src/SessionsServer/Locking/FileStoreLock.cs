namespace SessionsServer.Locking;

/// <summary>
/// For SQLite, which has no lock of its own finer than the whole database: an exclusive lock on one of 1 024 files in
/// a folder beside the database file, so every server process on that file is ordered, and the operating system
/// frees the lock of a process that died. Two sessions whose digests share a file wait for each other now and then;
/// files are never deleted, because deleting a lock file someone waits on would let two holders in.
/// </summary>
internal sealed class FileStoreLock(string folder) : IStoreLock
{
    private const int Files = 1024;
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(10);

    public async Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Convert.ToInt32(resource[..4], 16) % Files:x3}.lock");
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock on the open file (flock on Unix, a share lock on Windows).
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException ex) when (ex.GetType() == typeof(IOException))
            {
                if (deadline.Remaining <= pause)
                {
                    throw deadline.Busy();
                }
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
