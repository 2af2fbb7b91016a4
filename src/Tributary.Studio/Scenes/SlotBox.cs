namespace Tributary.Studio.Scenes;

/// <summary>A rectangle of the program picture, in pixels (even numbers, as 4:2:0 video needs).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct SlotBox(int X, int Y, int Width, int Height)
{
    /// <summary>The centre point.</summary>
    public (int X, int Y) Centre => (X + (Width / 2), Y + (Height / 2));
}
