using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>
/// Source-generated serializers for the Mastodon entities. Nulls are written (clients expect every key), except where
/// an entity marks a property to be left out, as Mastodon does.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(CredentialAccount))]
[JsonSerializable(typeof(Preferences))]
[JsonSerializable(typeof(IReadOnlyList<Account>))]
[JsonSerializable(typeof(IReadOnlyList<MutedAccount>))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(IReadOnlyList<Status>))]
[JsonSerializable(typeof(StatusSource))]
[JsonSerializable(typeof(IReadOnlyList<StatusEditEntity>))]
[JsonSerializable(typeof(Relationship))]
[JsonSerializable(typeof(IReadOnlyList<Relationship>))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(IReadOnlyList<Notification>))]
[JsonSerializable(typeof(GroupedNotificationsResults))]
[JsonSerializable(typeof(UnreadCount))]
[JsonSerializable(typeof(ListEntity))]
[JsonSerializable(typeof(ConversationEntity))]
[JsonSerializable(typeof(IReadOnlyList<ConversationEntity>))]
[JsonSerializable(typeof(IReadOnlyList<ListEntity>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, MarkerEntity>))]
[JsonSerializable(typeof(Context))]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(IReadOnlyList<FamiliarFollowersEntity>))]
[JsonSerializable(typeof(Tag))]
[JsonSerializable(typeof(StreamingEvent))]
public sealed partial class MastodonJsonContext : JsonSerializerContext;
