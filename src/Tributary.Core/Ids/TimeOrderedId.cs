using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tributary.Ids;

/// <summary>
/// A sequence of UUIDv7 identifiers (RFC 9562) that strictly increase; <see cref="New"/> draws from the process's one sequence. <see cref="Guid.CreateVersion7()"/>
/// fills the bits after the millisecond with random data, so two ids made in the same millisecond sort in
/// random order; lists ordered by <c>(created_at, id)</c> then show a burst of messages shuffled. Here the
/// 12-bit <c>rand_a</c> field is a counter within the millisecond (RFC 9562 §6.2, method 1), and when it
/// runs out the timestamp moves one millisecond ahead of the clock, as that section allows.
/// </summary>
public sealed class TimeOrderedId
{
    private static readonly TimeOrderedId Process = new();
    private readonly Lock gate = new();
    private long lastMillis;
    private int counter;

    /// <summary>A new id as 32 lowercase hex digits, sortable as text in creation order within this process.</summary>
    public static string New() => Process.Next(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>The next id of this sequence for a clock reading of <paramref name="unixMillis"/>; never below the previous one.</summary>
    public string Next(long unixMillis)
    {
        long millis;
        int sequence;
        lock (gate)
        {
            if (unixMillis > lastMillis)
            {
                lastMillis = unixMillis;
                counter = 0;
            }
            else if (++counter > 0xFFF)
            {
                lastMillis++;
                counter = 0;
            }

            (millis, sequence) = (lastMillis, counter);
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, millis << 16);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], (ushort)(0x7000 | sequence));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return Convert.ToHexStringLower(bytes);
    }
}
