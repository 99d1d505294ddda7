using Provisioner.Config.Model;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Validation;

/// <summary>The <c>ignition</c> section: referenced configs, proxies, certificate authorities.</summary>
internal static class IgnitionRules
{
    public static void Validate(IgnitionSection ignition, JsonPath path, RuleContext ctx)
    {
        // Go field order: config, proxy, security, timeouts, version (the version was checked by the parser).
        var config = path.Append("config");
        var merge = config.Append("merge");
        if (ctx.HasResources)
        {
            for (var i = 0; i < ignition.Config.Merge.Count; i++)
            {
                ctx.Error(merge, i, ResourceRules.RequiredSource(ignition.Config.Merge[i], ctx));
            }
        }
        for (var i = 0; i < ignition.Config.Merge.Count; i++)
        {
            ResourceRules.Validate(ignition.Config.Merge[i], merge.Append(i), ResourceUse.Config, ctx);
        }
        ResourceRules.Validate(ignition.Config.Replace, config.Append("replace"), ResourceUse.Config, ctx);

        var proxy = path.Append("proxy");
        Proxy(ignition.Proxy.HttpProxy, proxy.Append("httpProxy"), httpAllowed: true, ctx);
        Proxy(ignition.Proxy.HttpsProxy, proxy.Append("httpsProxy"), httpAllowed: false, ctx);

        var cas = path.Append("security").Append("tls").Append("certificateAuthorities");
        var authorities = ignition.Security.Tls.CertificateAuthorities;
        if (ctx.HasResources)
        {
            for (var i = 0; i < authorities.Count; i++)
            {
                ctx.Error(cas, i, ResourceRules.RequiredSource(authorities[i], ctx));
            }
        }
        for (var i = 0; i < authorities.Count; i++)
        {
            ResourceRules.Validate(authorities[i], cas.Append(i), ResourceUse.CertificateAuthority, ctx);
        }
    }

    private static void Proxy(string? proxy, JsonPath path, bool httpAllowed, RuleContext ctx)
    {
        if (proxy is null)
        {
            return;
        }
        var url = ParsedUrl.Parse(proxy);
        if (url is null)
        {
            ctx.Error(path, Messages.InvalidUrl);
            return;
        }
        if (url.Scheme is not ("http" or "https"))
        {
            ctx.Error(path, Messages.InvalidProxy);
            return;
        }
        if (url.Scheme == "http" && !httpAllowed)
        {
            ctx.Warning(path, Messages.InsecureProxy);
        }
    }
}
