using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Tributary.Media.Janus;

/// <summary>
/// A private configuration folder for Debian's Janus: VideoRoom and the HTTP transport only, both APIs on
/// 127.0.0.1, secrets for both, no STUN, half trickle (Janus's candidates inside its SDP), an explicit RTP
/// port range, and the ICE restrictions of <see cref="JanusOptions"/>. Every other plugin, transport, logger
/// and event handler found in the library folder is disabled.
/// </summary>
public sealed class JanusConfiguration
{
    private const string FallbackLibraryFolder = "/usr/lib/x86_64-linux-gnu/janus";

    private JanusConfiguration(JanusOptions options, string folder, string libraryFolder, int httpPort, int adminPort, string apiSecret, string adminSecret)
    {
        Options = options;
        Folder = folder;
        LibraryFolder = libraryFolder;
        HttpPort = httpPort;
        AdminPort = adminPort;
        ApiSecret = apiSecret;
        AdminSecret = adminSecret;
    }

    /// <summary>The options it was made from.</summary>
    public JanusOptions Options { get; }

    /// <summary>The folder holding <c>janus.jcfg</c> and the plugin files.</summary>
    public string Folder { get; }

    /// <summary>Where Janus's plugins, transports, loggers and event handlers are.</summary>
    public string LibraryFolder { get; }

    /// <summary>The Janus API port on 127.0.0.1.</summary>
    public int HttpPort { get; }

    /// <summary>The admin API port on 127.0.0.1.</summary>
    public int AdminPort { get; }

    /// <summary>The secret every Janus API request carries (<c>apisecret</c>).</summary>
    public string ApiSecret { get; }

    /// <summary>The admin API secret (<c>admin_secret</c>).</summary>
    public string AdminSecret { get; }

    /// <summary>The Janus API root, <c>http://127.0.0.1:port/janus</c>.</summary>
    public Uri ApiUri => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/janus");

    /// <summary>The admin API root, <c>http://127.0.0.1:port/admin</c>.</summary>
    public Uri AdminUri => new($"http://127.0.0.1:{AdminPort.ToString(CultureInfo.InvariantCulture)}/admin");

    /// <summary>The main configuration file.</summary>
    public string MainFile => Path.Combine(Folder, "janus.jcfg");

    /// <summary>
    /// Chooses ports (free loopback ports where the options say 0), secrets (random where unset) and the folder
    /// (a new temporary one when <see cref="JanusOptions.ConfigFolder"/> is unset), and writes the files.
    /// </summary>
    public static JanusConfiguration Create(JanusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = options.ConfigFolder is { Length: > 0 } configured
            ? Directory.CreateDirectory(configured).FullName
            : Directory.CreateTempSubdirectory("tributary-janus-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var httpPort = options.HttpPort != 0 ? options.HttpPort : FreeLoopbackPort();
        var adminPort = options.AdminPort;
        while (adminPort == 0 || adminPort == httpPort)
        {
            adminPort = FreeLoopbackPort();
        }

        var configuration = new JanusConfiguration(
            options,
            folder,
            options.LibraryFolder ?? FindLibraryFolder(),
            httpPort,
            adminPort,
            options.ApiSecret ?? RandomNumberGenerator.GetHexString(32, lowercase: true),
            options.AdminSecret ?? RandomNumberGenerator.GetHexString(32, lowercase: true));
        configuration.Write();
        return configuration;
    }

    /// <summary>Deletes the folder when it was a temporary one of ours.</summary>
    public void DeleteIfTemporary()
    {
        if (Options.ConfigFolder is not { Length: > 0 } && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>Writes janus.jcfg, janus.transport.http.jcfg and janus.plugin.videoroom.jcfg.</summary>
    public void Write()
    {
        var main = new StringBuilder();
        main.Append("general: {\n");
        Setting(main, "configs_folder", Folder);
        Setting(main, "plugins_folder", Path.Combine(LibraryFolder, "plugins"));
        Setting(main, "transports_folder", Path.Combine(LibraryFolder, "transports"));
        Setting(main, "events_folder", Path.Combine(LibraryFolder, "events"));
        Setting(main, "loggers_folder", Path.Combine(LibraryFolder, "loggers"));
        Setting(main, "debug_level", Options.DebugLevel);
        Setting(main, "debug_timestamps", false);
        Setting(main, "debug_colors", false);
        Setting(main, "server_name", "tributary-munit");
        Setting(main, "session_timeout", Options.SessionTimeoutSeconds);
        Setting(main, "api_secret", ApiSecret);
        Setting(main, "admin_secret", AdminSecret);
        if (Options.Interface is { Length: > 0 } address)
        {
            Setting(main, "interface", address);
        }

        // Plugins may write files (recordings) only where we allow; keep Janus's list of system folders.
        main.Append("\tprotected_folders = [ \"/bin\", \"/boot\", \"/dev\", \"/etc\", \"/lib\", \"/lib64\", \"/proc\", \"/sbin\", \"/sys\", \"/usr\", \"/var\" ]\n");
        main.Append("}\n");
        main.Append("certificates: {\n}\n");
        main.Append("media: {\n");
        Setting(main, "ipv6", false);
        Setting(main, "rtp_port_range", Options.RtpPortRange);
        main.Append("}\n");
        main.Append("nat: {\n");
        Setting(main, "nice_debug", false);
        Setting(main, "full_trickle", false);
        Setting(main, "ice_lite", false);
        Setting(main, "ignore_mdns", Options.IgnoreMdns);
        if (Options.IceEnforceList is { Length: > 0 } enforce)
        {
            Setting(main, "ice_enforce_list", enforce);
        }
        else
        {
            Setting(main, "ice_ignore_list", "vmnet");
        }

        if (Options.NatOneToOneMapping is { Length: > 0 } mapping)
        {
            Setting(main, "nat_1_1_mapping", mapping);
        }

        main.Append("}\n");
        main.Append("plugins: {\n");
        Setting(main, "disable", string.Join(',', Libraries("plugins", except: "libjanus_videoroom.so")));
        main.Append("}\n");
        main.Append("transports: {\n");
        Setting(main, "disable", string.Join(',', Libraries("transports", except: "libjanus_http.so")));
        main.Append("}\n");
        main.Append("loggers: {\n");
        Setting(main, "disable", string.Join(',', Libraries("loggers", except: null)));
        main.Append("}\n");
        main.Append("events: {\n");
        Setting(main, "broadcast", false);
        Setting(main, "disable", string.Join(',', Libraries("events", except: null)));
        main.Append("}\n");
        WritePrivate(MainFile, main.ToString());

        var http = new StringBuilder();
        http.Append("general: {\n");
        Setting(http, "json", "plain");
        Setting(http, "base_path", "/janus");
        Setting(http, "http", true);
        Setting(http, "port", HttpPort);
        Setting(http, "ip", "127.0.0.1");
        Setting(http, "https", false);
        http.Append("}\n");
        http.Append("admin: {\n");
        Setting(http, "admin_base_path", "/admin");
        Setting(http, "admin_http", true);
        Setting(http, "admin_port", AdminPort);
        Setting(http, "admin_ip", "127.0.0.1");
        Setting(http, "admin_https", false);
        http.Append("}\n");
        http.Append("cors: {\n}\n");
        WritePrivate(Path.Combine(Folder, "janus.transport.http.jcfg"), http.ToString());

        // No sample rooms (Debian's 1234 is capped at 128 kb/s): rooms are created per Tributary room.
        // String ids, because Tributary room and session ids are strings.
        var videoRoom = new StringBuilder();
        videoRoom.Append("general: {\n");
        Setting(videoRoom, "string_ids", true);
        videoRoom.Append("}\n");
        WritePrivate(Path.Combine(Folder, "janus.plugin.videoroom.jcfg"), videoRoom.ToString());
    }

    /// <summary>The library folder named by Debian's /etc/janus/janus.jcfg, or the Debian amd64 default.</summary>
    internal static string FindLibraryFolder()
    {
        const string debianConfig = "/etc/janus/janus.jcfg";
        if (File.Exists(debianConfig))
        {
            foreach (var line in File.ReadLines(debianConfig))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("plugins_folder", StringComparison.Ordinal) && trimmed.Split('"') is { Length: >= 2 } parts)
                {
                    return Path.GetDirectoryName(parts[1].TrimEnd('/')) ?? FallbackLibraryFolder;
                }
            }
        }

        return FallbackLibraryFolder;
    }

    /// <summary>A libconfig string literal.</summary>
    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private IEnumerable<string> Libraries(string kind, string? except)
    {
        var folder = Path.Combine(LibraryFolder, kind);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.so")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != except)
            .Order(StringComparer.Ordinal);
    }

    private static void Setting(StringBuilder to, string key, string value) => to.Append('\t').Append(key).Append(" = ").Append(Quote(value)).Append('\n');

    private static void Setting(StringBuilder to, string key, int value) => to.Append('\t').Append(key).Append(" = ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Setting(StringBuilder to, string key, bool value) => to.Append('\t').Append(key).Append(" = ").Append(value ? "true" : "false").Append('\n');

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
