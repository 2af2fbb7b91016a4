using Tributary.Testing.Servers;

namespace Tributary.Media.Tests.Janus;

/// <summary>Signals for fault injection on processes the test itself started.</summary>
public static class Signals
{
    public static void Send(string signal, int pid) => ExternalProcess.Run("/bin/kill", $"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
