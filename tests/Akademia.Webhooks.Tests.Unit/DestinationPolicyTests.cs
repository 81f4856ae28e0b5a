using System.Net;
using Akademia.Webhooks.Grains.Security;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class DestinationPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:c0a8:0101::1")]
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2001:db8::1")]
    public void BlockedAddressesAreRefused(string address) =>
        Assert.False(DestinationPolicy.Strict.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:0808:0808::1")]
    [InlineData("64:ff9b::808:808")]
    public void PublicAddressesAreAllowed(string address) =>
        Assert.True(DestinationPolicy.Strict.IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public void ListedNetworksAreAllowed()
    {
        var policy = new DestinationPolicy([IPNetwork.Parse("127.0.0.0/8")]);

        Assert.True(policy.IsAllowed(IPAddress.Parse("127.0.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.Parse("10.0.0.1")));
        Assert.False(policy.IsAllowed(IPAddress.IPv6Loopback));
    }

    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0x7f.1", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("017700000001", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("10.1.1", "10.1.0.1")]
    [InlineData("8.8.8.8", "8.8.8.8")]
    [InlineData("[::1]", "::1")]
    public void NumericSpellingsAreReadAsTheAddressTheyMean(string host, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), DestinationPolicy.ParseLiteral(host));

    [Theory]
    [InlineData("example.com")]
    [InlineData("localhost")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("0x")]
    [InlineData("08.1.1.1")]
    [InlineData("99999999999")]
    public void NamesAndMalformedNumbersAreNotLiterals(string host) =>
        Assert.Null(DestinationPolicy.ParseLiteral(host));
}
