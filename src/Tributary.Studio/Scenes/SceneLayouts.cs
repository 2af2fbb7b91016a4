using Tributary.Studio.Studios;

namespace Tributary.Studio.Scenes;

/// <summary>Where each slot of a layout sits in a <c>width</c>×<c>height</c> picture.</summary>
public static class SceneLayouts
{
    /// <summary>The slots of <paramref name="layout"/> for <paramref name="stageCount"/> sources on stage (an empty stage still shows the first slot).</summary>
    public static IReadOnlyList<SlotBox> Slots(StudioLayout layout, int stageCount, int width, int height)
    {
        var n = Math.Max(1, stageCount);
        switch (layout)
        {
            case StudioLayout.Solo:
                return [Box(0, 0, width, height)];
            case StudioLayout.SideBySide:
                return [Box(0, height / 4, width / 2, height / 2), Box(width / 2, height / 4, width / 2, height / 2)];
            case StudioLayout.Speaker:
            {
                var slots = new List<SlotBox> { Box(0, height / 8, width * 3 / 4, height * 3 / 4) };
                for (var i = 0; i < Math.Min(n - 1, 3); i++)
                {
                    slots.Add(Box(width * 3 / 4, (height / 8) + (i * height / 4), width / 4, height / 4));
                }

                return slots;
            }

            default:
            {
                var count = Math.Min(n, 9);
                var columns = count == 1 ? 1 : count <= 4 ? 2 : 3;
                var rows = (count + columns - 1) / columns;
                var cellWidth = width / columns;
                var cellHeight = height / columns;
                var top = (height - (rows * cellHeight)) / 2;
                var slots = new List<SlotBox>();
                for (var i = 0; i < count; i++)
                {
                    slots.Add(Box((i % columns) * cellWidth, top + ((i / columns) * cellHeight), cellWidth, cellHeight));
                }

                return slots;
            }
        }
    }

    private static SlotBox Box(int x, int y, int width, int height) => new(x & ~1, y & ~1, width & ~1, height & ~1);
}
