using System.Runtime.InteropServices;

namespace Tributary.Fleet.Providers;

/// <summary>SIGTERM, which .NET's Process has no call for (Kill sends SIGKILL).</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; false when the process is already gone.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
