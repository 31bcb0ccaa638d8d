using Weft.Grains.Text;

namespace Weft.Grains.Tests.Domain;

public sealed class StatusTextParserTests
{
    [Theory]
    [InlineData("hello @alice", new[] { "alice" })]
    [InlineData("@Alice @alice @BOB", new[] { "alice", "bob" })]
    [InlineData("mail me at bob@example.com", new string[0])]
    [InlineData("remote @carol@example.com stays", new string[0])]
    [InlineData("(@dave), @eve.", new[] { "dave", "eve" })]
    [InlineData("@a_very_long_name_that_goes_beyond_thirty", new string[0])]
    [InlineData("url https://x.test/@frank", new string[0])]
    public void Mentions_are_local_lower_cased_and_distinct(string text, string[] expected) =>
        Assert.Equal(expected, StatusTextParser.Parse(text).MentionedUsernames.ToArray());

    [Theory]
    [InlineData("#Weft and #weft", new[] { "weft" })]
    [InlineData("#123 is not a tag but #a1 is", new[] { "a1" })]
    [InlineData("c#sharp x#y", new string[0])]
    [InlineData("#café #日本", new[] { "cafe", "日本" })]
    [InlineData("#हिन्दी #தமிழ் #বাংলা", new[] { "हिन्दी", "தமிழ்", "বাংলা" })] // vowel signs and viramas are combining marks
    [InlineData("#می\u200cخواهم", new[] { "می\u200cخواهم" })] // Persian's zero-width non-joiner, inside the word
    [InlineData("#tag\u200c and #l·l", new[] { "tag", "l·l" })] // a joiner or middle dot does not end a name
    [InlineData("#cafe\u0301s #CAFÉ #Café #ｃａｆｅ", new[] { "cafes", "cafe" })] // folded as Mastodon folds them (HashtagName.Fold)
    [InlineData("#Tiếng #Ærø #Łódź", new[] { "tieng", "ærø", "łodz" })] // letters with no ASCII base stay
    [InlineData("#𝐀bc", new[] { "𝐀bc" })] // a letter outside the Basic Multilingual Plane is a letter
    public void Hashtags_need_a_letter_and_a_boundary(string text, string[] expected) =>
        Assert.Equal(expected, StatusTextParser.Parse(text).Tags.ToArray());
}
