package io.tandem.tools;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest. */
final class Version implements IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final String version = Tandem.class.getPackage().getImplementationVersion();
        return new String[] {"tandem " + (version == null ? "(development build)" : version)};
    }
}
