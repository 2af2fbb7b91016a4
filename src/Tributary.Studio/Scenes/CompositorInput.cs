namespace Tributary.Studio.Scenes;

/// <summary>One live source as the compositor reads it.</summary>
/// <param name="Slot">Its slot in the layout (stage position).</param>
/// <param name="Arguments">ffmpeg input arguments, ending with <c>-i &lt;url&gt;</c>.</param>
/// <param name="HasAudio">Whether the input carries an audio stream to mix.</param>
/// <param name="HasVideo">Whether the input carries a video stream to place.</param>
public sealed record CompositorInput(int Slot, IReadOnlyList<string> Arguments, bool HasAudio, bool HasVideo = true);
