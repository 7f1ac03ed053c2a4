package io.herald.api.input;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.stereotype.Component;

/**
 * Applies the {@link InputPolicy} to every JSON body as it is read, so no controller sees
 * a string or instant that breaks it. Spring Boot adds every Jackson module bean to the
 * application's mapper.
 */
@Component
class InputPolicyModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	InputPolicyModule() {
		super("herald-input-policy");
		addDeserializer(String.class, new CheckedStrings());
		checked(Instant.class, InstantDeserializer.INSTANT, (instant) -> instant);
		checked(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME, OffsetDateTime::toInstant);
		checked(ZonedDateTime.class, InstantDeserializer.ZONED_DATE_TIME, ZonedDateTime::toInstant);
	}

	// A delegating deserializer is typed Object; it produces exactly what its delegate
	// does.
	@SuppressWarnings("unchecked")
	private <T> void checked(Class<T> type, ValueDeserializer<T> delegate, Function<T, Instant> instant) {
		ValueDeserializer<?> checked = new CheckedTimes<>(delegate, type, instant);
		addDeserializer(type, (ValueDeserializer<T>) checked);
	}

	static final class CheckedStrings extends StringDeserializer {

		private static final long serialVersionUID = 1L;

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			String value = super.deserialize(p, ctxt);
			Optional<String> violation = (value != null) ? InputPolicy.textViolation(value) : Optional.empty();
			if (violation.isPresent()) {
				throw new InputRejectedException(p, violation.get(), value, String.class);
			}
			return value;
		}

	}

	static final class CheckedTimes<T> extends DelegatingDeserializer {

		private static final long serialVersionUID = 1L;

		private final Class<T> type;

		private final Function<T, Instant> instant;

		CheckedTimes(ValueDeserializer<?> delegate, Class<T> type, Function<T, Instant> instant) {
			super(delegate);
			this.type = type;
			this.instant = instant;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new CheckedTimes<>(delegate, this.type, this.instant);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			Object value = super.deserialize(p, ctxt);
			if (this.type.isInstance(value)) {
				Optional<String> violation = InputPolicy.instantViolation(this.instant.apply(this.type.cast(value)));
				if (violation.isPresent()) {
					throw new InputRejectedException(p, violation.get(), value, this.type);
				}
			}
			return value;
		}

		@Override
		public Class<?> handledType() {
			return this.type;
		}

	}

}
