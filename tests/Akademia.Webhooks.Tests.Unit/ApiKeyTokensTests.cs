using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class ApiKeyTokensTests
{
    [Fact]
    public void ANewKeyIsThePrefixAnd32RandomBytesInBase64Url()
    {
        var first = ApiKeyTokens.New();
        var second = ApiKeyTokens.New();

        Assert.Matches("^akk_[A-Za-z0-9_-]{43}$", first);
        Assert.Equal(32, Convert.FromBase64String(first[4..].Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.NotEqual(first, second);
        Assert.True(ApiKeyTokens.IsManagedKey(first));
    }

    [Fact]
    public void TheIdFollowsFromTheDigestAndIsNeitherTheDigestNorTheKey()
    {
        var key = ApiKeyTokens.New();
        var digest = ApiKeyTokens.Digest(key);

        var id = ApiKeyTokens.IdOf(digest);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), digest);
        Assert.Matches("^key_[0-9a-f]{26}$", id);
        Assert.Equal(id, ApiKeyTokens.IdOf(ApiKeyTokens.Digest(key)));
        Assert.DoesNotContain(Convert.ToHexStringLower(digest)[..26], id, StringComparison.Ordinal);
        Assert.NotEqual(id, ApiKeyTokens.IdOf(ApiKeyTokens.Digest(ApiKeyTokens.New())));
    }

    [Fact]
    public void TheCallerScopeOfAManagedKeyNamesItsIdOnly()
    {
        Assert.Equal("apikey_key_0123", ApiKeyTokens.CallerScopeOf("key_0123"));
    }

    [Theory]
    [InlineData("test-admin-key-0123456789")]
    [InlineData("akp_token")]
    [InlineData("AKK_upper")]
    public void OnlyThePrefixMakesAManagedKey(string presented)
    {
        Assert.False(ApiKeyTokens.IsManagedKey(presented));
    }
}
