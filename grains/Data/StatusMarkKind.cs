namespace Weft.Grains.Data;

/// <summary>The per-account marks on statuses the store keeps.</summary>
public enum StatusMarkKind
{
    /// <summary>A favourite (public: counted and listed in favourited_by).</summary>
    Favourite,

    /// <summary>A bookmark (private to its owner).</summary>
    Bookmark,
}
