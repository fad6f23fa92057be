package io.trunkline.billing;

import java.util.Arrays;

/** A spec-table enum stored and shown as its code ({@code sms-out}, {@code half-up} ...). */
public interface CodedEnum {
    String code();

    /** The constant of {@code type} whose code is {@code code}; IllegalArgumentException naming the choices. */
    static <E extends Enum<E> & CodedEnum> E ofCode(Class<E> type, String code) {
        for (E e : type.getEnumConstants()) {
            if (e.code().equals(code)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + choices(type));
    }

    static <E extends Enum<E> & CodedEnum> String choices(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(CodedEnum::code).toList());
    }
}
