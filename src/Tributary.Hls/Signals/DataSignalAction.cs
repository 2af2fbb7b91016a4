namespace Tributary.Hls.Signals;

/// <summary>The four data signal actions of HLS-DATA-SIGNALS.md.</summary>
public enum DataSignalAction
{
    /// <summary><c>updateVariant</c>: creates the master playlist if new, adds the variant, carries its init section.</summary>
    UpdateVariant,
    /// <summary><c>updateRendition</c>: adds an alternate rendition with its init section.</summary>
    UpdateRendition,
    /// <summary><c>updateSegment</c>: completes a segment of a variant or rendition.</summary>
    UpdateSegment,
    /// <summary><c>updatePart</c>: appends a part to a segment of a variant or rendition.</summary>
    UpdatePart,
}
