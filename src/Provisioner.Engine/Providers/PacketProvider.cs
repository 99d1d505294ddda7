namespace Provisioner.Engine.Providers;

/// <summary>
/// Equinix Metal (formerly Packet): GET https://metadata.packet.net/userdata with <c>Accept: */*</c>, because
/// the service answers Ignition's default Accept with 406; served as given; a 404 fails the boot.
/// </summary>
public sealed class PacketProvider : UserDataServiceProvider
{
    public override string Name => "packet";

    public override Uri UserDataUrl { get; } = new("https://metadata.packet.net/userdata");

    protected override bool NotFoundIsEmpty => false;

    protected override IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = [new("Accept", "*/*")];
}
