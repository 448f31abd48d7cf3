/**
 * Airlock's configuration: where the config file lives ({@link dev.airlock.config.AirlockPaths}),
 * reading and validating it ({@link dev.airlock.config.ConfigLoader}) into named
 * {@link dev.airlock.config.Profile}s, and the starter file {@code airlock init} writes.
 *
 * <p>Every problem with the file is a {@link dev.airlock.config.ConfigException} that names the
 * file, the line and column of the offending key or value, what is wrong and what is expected.
 * This package uses no AWS SDK types, and reads no environment variables itself: callers pass
 * the environment in as a map.
 */
package dev.airlock.config;
