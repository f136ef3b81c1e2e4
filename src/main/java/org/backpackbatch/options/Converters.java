package org.backpackbatch.options;

import org.backpackbatch.api.AccountUrl;
import org.backpackbatch.api.RateLimit;
import org.backpackbatch.store.Include;
import org.backpackbatch.store.StoreLocation;
import org.backpackbatch.store.StoreProblem;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How option values become domain values; a value that does not is picocli's usage error with the domain's own words. */
final class Converters {

    private Converters() {
    }

    static final class Account implements ITypeConverter<AccountUrl> {
        @Override
        public AccountUrl convert(String value) {
            try {
                return AccountUrl.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Rate implements ITypeConverter<RateLimit> {
        @Override
        public RateLimit convert(String value) {
            try {
                return RateLimit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Includes implements ITypeConverter<Include> {
        @Override
        public Include convert(String value) {
            try {
                return Include.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Store implements ITypeConverter<StoreLocation> {
        @Override
        public StoreLocation convert(String value) {
            try {
                return StoreLocation.parse(value);
            } catch (StoreProblem e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
