namespace Provisioner.Config.Validation;

/// <summary>
/// Every message a config can get, in one place. Where Ignition has a message for the same finding
/// its wording is kept word for word, so scripts written for ignition-validate keep working.
/// Formats take their arguments already quoted the way Go's <c>%q</c> prints them.
/// </summary>
internal static class Messages
{
    // Parsing: Ignition's words first, then what we add to make the finding actionable.
    public const string Empty = "not a config (empty)";
    public const string InvalidVersion = "invalid config version (couldn't parse)";
    public const string UnsupportedVersion = "unsupported config version";
    public const string NotAnObject = "a config must be a JSON object";

    // Duplicates (config/validate ValidateDups).
    public const string Duplicate = "duplicate entry defined";

    // Resources, URLs, hashes, headers, proxies.
    public const string SourceRequired = "source is required";
    public const string InvalidScheme = "invalid url scheme";
    public const string InvalidUrl = "unable to parse url";
    public const string InvalidS3Arn = "invalid S3 ARN format";
    public const string InvalidS3ObjectVersionId = "invalid S3 object VersionId";
    public const string CompressionInvalid = "invalid compression method";
    public const string VerificationAndNilSource = "source must be specified if verification is specified";
    public const string HashMalformed = "malformed hash specifier";
    public const string HashUnrecognized = "unrecognized hash function";
    public const string HashWrongSize = "incorrect size for hash sum";
    public const string EmptyHttpHeaderName = "HTTP header name can't be empty";
    public const string InvalidHttpHeader = "unable to parse HTTP header";
    public const string UnsupportedSchemeForHttpHeaders = "cannot use HTTP headers with this source scheme";
    public const string InvalidProxy = "proxies must be http(s)";
    public const string InsecureProxy = "insecure plaintext HTTP proxy specified for HTTPS resources";

    // data: URLs (github.com/vincent-petithory/dataurl, Go's strconv and encoding/base64).
    public const string DataUrlMissingPrefix = "missing data prefix";
    public const string DataUrlMissingComma = "missing comma before data";
    public const string DataUrlInvalidCharAfterPrefix = "invalid character after data prefix";
    public const string DataUrlMissingMediaTypeSlash = "missing media type slash";
    public const string DataUrlInvalidMediaTypeChar = "invalid character for media type";
    public const string DataUrlInvalidMediaType = "invalid media type";
    public const string DataUrlIncompleteMediaType = "incomplete media type";
    public const string DataUrlInvalidMediaSubtypeChar = "invalid character for media subtype";
    public const string DataUrlExpectedSemicolonOrComma = "expected semicolon or comma";
    public const string DataUrlUnterminatedParameter = "unterminated parameter sequence";
    public const string DataUrlInvalidParamAttrChar = "invalid character for parameter attribute";
    public const string DataUrlExpectedBase64 = "expected base64, got {0}";
    public const string DataUrlInvalidParamValueChar = "invalid character for parameter value";
    public const string DataUrlUnclosedQuotedString = "unclosed quoted string";
    public const string DataUrlInvalidEscapedChar = "invalid escaped character";
    public const string DataUrlInvalidDataChar = "invalid data character";
    public const string DataUrlInvalidSyntax = "invalid syntax";
    public const string DataUrlUnexpectedEndOfEscape = "rfc2396: unexpected end of unescape sequence";
    public const string DataUrlInvalidEscapeChar = "rfc2396: invalid char 0x25 in unescape sequence";
    public const string DataUrlIllegalBase64 = "illegal base64 data at input byte {0}";

    // Files, directories, links.
    public const string NoPath = "path not specified";
    public const string PathRelative = "path not absolute";
    public const string DirtyPath = "path is not fully simplified";
    public const string BothIdAndNameSet = "cannot set both id and name";
    public const string FileIllegalMode = "illegal file mode";
    public const string ModeSpecialBits = "setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0";
    public const string OverwriteAndNilSource = "overwrite must be false if source is unspecified";
    public const string FileUsedSymlink = "file path includes link in config";
    public const string DirectoryUsedSymlink = "directory path includes link in config";
    public const string LinkUsedSymlink = "link path includes link in config";
    public const string LinkTargetRequired = "link target is required";
    public const string HardLinkToDirectory = "hard link target is a directory";
    public const string HardLinkSpecifiesOwner = "user/group ignored for hard link";
    public const string PathConflictsSystemd = "path conflicts with systemd unit or dropin";

    // Disks and partitions.
    public const string DiskDeviceRequired = "disk device is required";
    public const string PartitionNumbersCollide = "partition numbers collide";
    public const string PartitionsOverlap = "partitions overlap";
    public const string DuplicateLabels = "cannot use the same partition label twice";
    public const string ShouldNotExistWithOthers = "shouldExist specified false with other options also specified";
    public const string NeedLabelOrNumber = "a partition number >= 1 or a label must be specified";
    public const string PartitionLabelTooLong = "partition labels may not exceed 36 characters";
    public const string PartitionLabelContainsColon = "partition label will be truncated to text before the colon";
    public const string DoesntMatchGuidRegex = "doesn't match the form \"01234567-89AB-CDEF-EDCB-A98765432101\"";

    // Filesystems.
    public const string FilesystemInvalidFormat = "invalid filesystem format";
    public const string LabelNeedsFormat = "filesystem must specify format if label is specified";
    public const string FormatNilWithOthers = "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified";
    public const string Ext4LabelTooLong = "filesystem labels cannot be longer than 16 characters when using ext4";
    public const string BtrfsLabelTooLong = "filesystem labels cannot be longer than 256 characters when using btrfs";
    public const string XfsLabelTooLong = "filesystem labels cannot be longer than 12 characters when using xfs";
    public const string SwapLabelTooLong = "filesystem labels cannot be longer than 15 characters when using swap";
    public const string VfatLabelTooLong = "filesystem labels cannot be longer than 11 characters when using vfat";
    public const string VirtiofsCannotHaveLabel = "filesystem labels cannot be set when using virtiofs";
    public const string VirtiofsDeviceTagTooLong = "virtiofs device tag cannot be longer than 36 bytes";
    public const string UuidNotSupportedForFormat = "filesystem uuid cannot be set for non-block-device filesystems";
    public const string WipeNotSupportedForFormat = "wipeFilesystem cannot be set for non-block-device filesystems";
    public const string MkfsOptionsNotSupportedForFormat = "filesystem options (mkfs) cannot be set for non-block-device filesystems";
    public const string NoDevice = "device not specified";
    public const string PartitionsOverwritten = "filesystem overwrites partitioned device";
    public const string FilesystemImplicitWipe = "device matches disk with wipeTable enabled; filesystem will be wiped";

    // RAID.
    public const string RaidLevelRequired = "raid level is required";
    public const string SparesUnsupportedForLevel = "spares unsupported for linear and raid0 arrays";
    public const string UnrecognizedRaidLevel = "unrecognized raid level";
    public const string RaidDevicesRequired = "raid devices required";

    // LUKS, clevis, tang, cex.
    public const string LuksLabelTooLong = "luks device labels cannot be longer than 47 characters";
    public const string LuksNameContainsSlash = "device names cannot contain slashes";
    public const string InvalidLuksKeyFile = "invalid key-file source";
    public const string ClevisPinRequired = "missing required custom clevis pin";
    public const string UnknownClevisPin = "unsupported clevis pin";
    public const string ClevisConfigRequired = "missing required custom clevis config";
    public const string ClevisCustomWithOthers = "cannot use custom clevis config with tpm2, tang, or threshold";
    public const string TangThumbprintRequired = "thumbprint is required";
    public const string InvalidTangAdvertisement = "advertisement is not valid JSON";
    public const string CexWithClevis = "cannot use cex with clevis";
    public const string CexWithKeyFile = "cannot use key file with cex";

    // systemd. {0} and {1} are unit names quoted as Go's %q does.
    public const string InvalidSystemdExt = "invalid systemd unit extension";
    public const string InvalidSystemdDropinExt = "invalid systemd drop-in extension";
    public const string NoInstallSection = "unit {0} is enabled, but has no install section so enable does nothing";
    public const string NoInstallSectionForTemplate = "template unit {0} for {1} doesn't have Install section";
    public const string InvalidUnitContent = "invalid unit content: {0}";
    public const string UnitNoSectionEnd = "unable to find end of section";
    public const string UnitGarbageAfterSection = "found garbage after section name : {0}";
    public const string UnitNewlineInOptionName = "unexpected newline encountered while parsing option name";
    public const string UnitLineTooLong = "line too long (max 2048 bytes)";
    public const string UnitEof = "EOF";
}
