namespace Tributary.Studio.Scenes;

/// <summary>One live source as the compositor reads it.</summary>
/// <param name="Slot">Its slot in the layout (stage position).</param>
/// <param name="Arguments">ffmpeg input arguments, ending with <c>-i &lt;url&gt;</c>.</param>
/// <param name="HasAudio">Whether the input carries an audio stream to mix.</param>
/// <param name="HasVideo">Whether the input carries a video stream to place.</param>
/// <param name="SharedClock">
/// Whether audio and video carry timestamps of one clock (MPEG-TS from an encoder): then they keep their offset
/// to each other. Separate RTP streams without sender reports have no common clock, so each starts at zero.
/// </param>
public sealed record CompositorInput(int Slot, IReadOnlyList<string> Arguments, bool HasAudio, bool HasVideo = true, bool SharedClock = false);
