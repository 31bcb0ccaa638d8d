namespace Weft.GrainInterfaces.Accounts;

/// <summary>The signed-in user's own view of the account: its snapshot and its posting defaults, read in one turn.</summary>
/// <param name="Account">The account as others see it.</param>
/// <param name="PostingDefaults">What its new statuses get when the client leaves a choice out.</param>
public sealed record AccountCredentials(AccountSnapshot Account, PostingDefaults PostingDefaults);
