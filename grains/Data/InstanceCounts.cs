namespace Weft.Grains.Data;

/// <summary>The social store's figures for the instance documents.</summary>
/// <param name="Accounts">Accounts in the directory.</param>
/// <param name="Statuses">Statuses indexed, reblogs included.</param>
/// <param name="ActiveAuthors">Accounts that posted in the period asked for.</param>
public readonly record struct InstanceCounts(long Accounts, long Statuses, long ActiveAuthors);
