using FluentAssertions;
using SessionsServer.Sessions;
using Xunit;

namespace SessionsServer.Tests.Sessions;

/// <summary>Stored bytes come from a store anyone with its login can write: a claim in them must not size an allocation.</summary>
public sealed class SessionSerializerTests
{
    [Fact]
    public void A_stored_session_that_claims_millions_of_entries_is_refused_without_allocating_for_them()
    {
        // Revision 2, entry count 0xFFFFFF, a session id, and no entries at all.
        var bytes = new byte[1 + 3 + SessionSerializer.IdByteCount];
        bytes[0] = 2;
        bytes[1] = bytes[2] = bytes[3] = 0xFF;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = () => SessionSerializer.Deserialize(bytes);

        read.Should().Throw<InvalidDataException>().WithMessage("*claims 16777215 entries*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20, "nothing may be sized by the stored count");
    }

    [Fact]
    public void A_stored_session_round_trips()
    {
        var id = Enumerable.Range(1, SessionSerializer.IdByteCount).Select(i => (byte)i).ToArray();
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["counter"] = [0, 0, 0, 7], [""] = [] };

        var read = SessionSerializer.Deserialize(SessionSerializer.Serialize(id, entries));

        read.Should().NotBeNull();
        read!.Value.SessionId.Should().Equal(id);
        read.Value.Entries.Should().BeEquivalentTo(entries);
    }
}
