using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tributary.Hosting;

namespace Tributary.Studio.Destinations;

/// <summary>
/// Seals stream keys at rest with AES-256-GCM: the stored value is base64(nonce | ciphertext | tag), and the
/// destination id is the associated data, so a sealed key copied onto another destination does not open.
/// </summary>
public sealed class StreamKeyProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Reads the configured key, or creates (once) and reads the node's key file.</summary>
    public StreamKeyProtector(IOptions<StudioOptions> options, IOptions<ServerOptions> server)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        if (options.Value.StreamKeyEncryptionKey is { Length: > 0 } configured)
        {
            _key = Convert.FromBase64String(configured);
            if (_key.Length != 32)
            {
                throw new OptionsValidationException(StudioOptions.Section, typeof(StudioOptions), ["Studio:StreamKeyEncryptionKey must be base64 of 32 bytes."]);
            }

            return;
        }

        var file = Path.Combine(server.Value.DataDir, "studio-keys.bin");
        Directory.CreateDirectory(server.Value.DataDir);
        if (!File.Exists(file))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            File.WriteAllBytes(file, fresh);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        _key = File.ReadAllBytes(file);
    }

    /// <summary>Seals <paramref name="streamKey"/> for destination <paramref name="destinationId"/>.</summary>
    public string Seal(string destinationId, string streamKey)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(streamKey);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), System.Text.Encoding.UTF8.GetBytes(destinationId));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a sealed key; throws <see cref="CryptographicException"/> when it was sealed with another key or for another destination.</summary>
    public string Open(string destinationId, string sealedKey)
    {
        var bytes = Convert.FromBase64String(sealedKey);
        var length = bytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, length), bytes.AsSpan(NonceSize + length), plain, System.Text.Encoding.UTF8.GetBytes(destinationId));
        return System.Text.Encoding.UTF8.GetString(plain);
    }
}
