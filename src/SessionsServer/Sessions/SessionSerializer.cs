using System.Buffers.Binary;
using System.Text;

namespace SessionsServer.Sessions;

/// <summary>
/// The byte layout of ASP.NET Core's stock <c>DistributedSession</c> (revision 2), so servers running the stock
/// session and servers running <see cref="LoadOnceSession"/> can share the same rows:
/// revision (1 byte), entry count (3 bytes), session id (16 bytes), then per entry key length (2 bytes),
/// UTF-8 key, value length (4 bytes), value; numbers big-endian.
/// </summary>
internal static class SessionSerializer
{
    public const byte Revision = 2;
    public const int IdByteCount = 16;

    /// <summary>An entry with an empty key and an empty value: its two length fields.</summary>
    private const int MinEntryBytes = 2 + 4;
    public const int KeyByteLimit = ushort.MaxValue;
    private const int MaxEntries = (1 << 24) - 1;

    public static byte[] Serialize(byte[] sessionId, IReadOnlyDictionary<string, byte[]> entries)
    {
        if (entries.Count > MaxEntries)
        {
            throw new InvalidOperationException($"A session holds at most {MaxEntries} keys.");
        }

        var output = new MemoryStream();
        output.WriteByte(Revision);
        WriteBigEndian(output, entries.Count, 3);
        output.Write(sessionId, 0, IdByteCount);
        foreach (var (key, value) in entries)
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            WriteBigEndian(output, keyBytes.Length, 2);
            output.Write(keyBytes);
            WriteBigEndian(output, value.Length, 4);
            output.Write(value);
        }

        return output.ToArray();
    }

    /// <summary>Null when the bytes are not a revision-2 session: the caller starts afresh, as the stock session does.</summary>
    public static (byte[] SessionId, Dictionary<string, byte[]> Entries)? Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 1 + 3 + IdByteCount || data[0] != Revision)
        {
            return null;
        }

        var count = ReadBigEndian(ref data, 1, 3);
        var id = data[..IdByteCount].ToArray();
        data = data[IdByteCount..];
        // Checked before anything is sized by it: a stored count of 16 million would otherwise allocate for 16 million.
        if (count > data.Length / MinEntryBytes)
        {
            throw new InvalidDataException($"The stored session claims {count} entries in {data.Length} bytes.");
        }

        var entries = new Dictionary<string, byte[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var keyLength = ReadBigEndian(ref data, 0, 2);
            var key = Encoding.UTF8.GetString(Take(ref data, keyLength));
            var valueLength = ReadBigEndian(ref data, 0, 4);
            entries[key] = Take(ref data, valueLength).ToArray();
        }

        return (id, entries);
    }

    private static void WriteBigEndian(Stream output, int value, int width)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        output.Write(buffer[(4 - width)..]);
    }

    private static int ReadBigEndian(ref ReadOnlySpan<byte> data, int skip, int width)
    {
        data = data[skip..];
        Span<byte> buffer = stackalloc byte[4];
        Take(ref data, width).CopyTo(buffer[(4 - width)..]);
        return BinaryPrimitives.ReadInt32BigEndian(buffer);
    }

    private static ReadOnlySpan<byte> Take(ref ReadOnlySpan<byte> data, int length)
    {
        if (length < 0 || length > data.Length)
        {
            throw new InvalidDataException("The stored session is truncated.");
        }

        var taken = data[..length];
        data = data[length..];
        return taken;
    }
}
