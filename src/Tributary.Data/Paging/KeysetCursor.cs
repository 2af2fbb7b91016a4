using System.Text;

namespace Tributary.Data.Paging;

/// <summary>
/// Opaque Relay cursors over (time, id) keys: stable under inserts, unlike offsets, and each page is
/// one index range scan.
/// </summary>
public static class KeysetCursor
{
    /// <summary>Encodes a position.</summary>
    public static string Encode(long time, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{time}:{id}"));

    /// <summary>Decodes a cursor; false for anything this class did not make.</summary>
    public static bool TryDecode(string? cursor, out long time, out string id)
    {
        time = 0;
        id = string.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 256)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), out time) || colon == text.Length - 1)
            {
                return false;
            }

            id = text[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
