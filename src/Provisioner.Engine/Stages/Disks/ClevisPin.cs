using System.Text;
using System.Text.Json;
using Provisioner.Config.Model;

namespace Provisioner.Engine.Stages.Disks;

/// <summary>
/// The clevis pin and its JSON config for a LUKS volume, as Ignition builds them: a custom pin verbatim,
/// else Shamir secret sharing (<c>sss</c>) over the Tang servers and the TPM2:
/// <c>{"pins":{"tang":[{"url":…,"thp":…,"adv":…}],"tpm2":{}},"t":1}</c>. Without tpm2, "tang" is always
/// written (null when there are no servers); with it, "tang" only when there are servers.
/// </summary>
public static class ClevisPin
{
    /// <summary>Whether the volume has a clevis binding at all (Ignition's Clevis.IsPresent).</summary>
    public static bool IsPresent(Clevis clevis) =>
        !string.IsNullOrEmpty(clevis.Custom.Pin) || clevis.Tang.Count > 0 || clevis.Tpm2 == true || clevis.Threshold is { } t && t != 0;

    /// <summary>Whether unlocking needs the network: Tang servers, or a custom pin that says so (crypttab's _netdev).</summary>
    public static bool NeedsNetwork(Clevis clevis) =>
        clevis.Tang.Count > 0 || !string.IsNullOrEmpty(clevis.Custom.Pin) && clevis.Custom.NeedsNetwork == true;

    /// <summary>The threshold, 1 unless the config gives one.</summary>
    public static long Threshold(Clevis clevis) => clevis.Threshold ?? 1;

    /// <summary>What a short log line says about the binding: "sss (2 tang, tpm2, threshold 2)" or "custom pin P".</summary>
    public static string Summary(Clevis clevis)
    {
        if (!string.IsNullOrEmpty(clevis.Custom.Pin))
        {
            return $"custom pin {clevis.Custom.Pin}";
        }
        var parts = new List<string>();
        if (clevis.Tang.Count > 0)
        {
            parts.Add($"{clevis.Tang.Count} tang");
        }
        if (clevis.Tpm2 == true)
        {
            parts.Add("tpm2");
        }
        parts.Add($"threshold {Threshold(clevis)}");
        return $"sss ({string.Join(", ", parts)})";
    }

    /// <summary>The pin and config for <c>clevis luks bind</c>; an advertisement that is not JSON is an error.</summary>
    public static (string Pin, string Config) Build(Clevis clevis)
    {
        if (!string.IsNullOrEmpty(clevis.Custom.Pin))
        {
            return (clevis.Custom.Pin, clevis.Custom.Config ?? "");
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("pins");
            var tpm2 = clevis.Tpm2 == true;
            if (clevis.Tang.Count > 0)
            {
                json.WriteStartArray("tang");
                foreach (var tang in clevis.Tang)
                {
                    json.WriteStartObject();
                    json.WriteString("url", tang.Url);
                    if (!string.IsNullOrEmpty(tang.Thumbprint))
                    {
                        json.WriteString("thp", tang.Thumbprint);
                    }
                    if (tang.Advertisement is { } advertisement)
                    {
                        json.WritePropertyName("adv");
                        WriteAdvertisement(json, advertisement, tang.Url);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            else if (!tpm2)
            {
                json.WriteNull("tang");
            }
            if (tpm2)
            {
                json.WriteStartObject("tpm2");
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteNumber("t", Threshold(clevis));
            json.WriteEndObject();
        }
        return ("sss", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteAdvertisement(Utf8JsonWriter json, string advertisement, string url)
    {
        try
        {
            using var parsed = JsonDocument.Parse(advertisement);
            parsed.RootElement.WriteTo(json);
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"the advertisement of Tang server {url} is not JSON: {e.Message}");
        }
    }
}
