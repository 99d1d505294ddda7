using System.Text;

namespace Provisioner.Engine.Providers;

/// <summary>Standard base64 as platforms serve user data (line breaks allowed), with an error that names the source.</summary>
public static class Base64
{
    public static byte[] Decode(byte[] text, string what) => Decode(Encoding.ASCII.GetString(text), what);

    public static byte[] Decode(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new StageFailedException($"{what}: the data is not valid base64");
        }
    }
}
