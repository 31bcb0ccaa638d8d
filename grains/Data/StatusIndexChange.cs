namespace Weft.Grains.Data;

/// <summary>
/// What one event of the status stream changes in the status index: a created status's row (inserted unless present),
/// or, when <paramref name="Edit"/>, an edited status's mentions and hashtags, which replace those indexed.
/// </summary>
/// <param name="Row">The status's index row as the event carries it.</param>
/// <param name="Edit">Whether the status was edited rather than created.</param>
public readonly record struct StatusIndexChange(StatusRow Row, bool Edit);
