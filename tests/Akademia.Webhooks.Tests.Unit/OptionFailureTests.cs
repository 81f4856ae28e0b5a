using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class OptionFailureTests
{
    [Theory]
    [InlineData("SiloPort: The field SiloOptions.SiloPort must be between 1 and 65535.", "Cluster:SiloPort: must be between 1 and 65535")]
    [InlineData("ClusterId: The ClusterId field is required.", "Cluster:ClusterId: is required")]
    [InlineData("SiloPort, GatewayPort: the silo and gateway ports must differ", "Cluster:SiloPort, Cluster:GatewayPort: the silo and gateway ports must differ")]
    [InlineData("RedisConnectionString: is required when Clustering is Redis", "Cluster:RedisConnectionString: is required when Clustering is Redis")]
    public void AValidatorsFailureNamesTheFullKeyAnOperatorSets(string failure, string expected) =>
        Assert.Equal(expected, OptionFailure.Qualify("Cluster", failure));

    [Theory]
    // A conversion failure names its whole key already.
    [InlineData("Delivery:JitterFactor: 'abc' is not a number")]
    // So does a rule about a list item, in its message.
    [InlineData("Auth:ApiKeys:0:Roles must name admin, publisher or reader")]
    [InlineData("Cluster:Storage is Memory, which loses every accepted event on restart")]
    public void AFailureThatNamesItsKeyIsLeftAsItIs(string failure) =>
        Assert.Equal(failure, OptionFailure.Qualify("Delivery", failure));

    [Fact]
    public void ARuleThatSpellsOutItsKeyIsKeptWithoutTheMemberBeforeIt() =>
        Assert.Equal("Auth:ApiKeys:0:Roles must name admin, publisher or reader",
            OptionFailure.Qualify("Auth", "ApiKeys: Auth:ApiKeys:0:Roles must name admin, publisher or reader"));

    [Fact]
    public void AFailureOfAnOptionsTypeOfUnknownSectionIsLeftAsItIs() =>
        Assert.Equal("SiloPort: The field SiloOptions.SiloPort must be between 1 and 65535.",
            OptionFailure.Qualify(null, "SiloPort: The field SiloOptions.SiloPort must be between 1 and 65535."));
}
