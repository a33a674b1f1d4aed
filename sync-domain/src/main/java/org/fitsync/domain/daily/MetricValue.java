package org.fitsync.domain.daily;

import java.util.Objects;
import java.util.Optional;

/**
 * One value of a daily entry in two layers: what the devices last reported and what a person
 * entered. Keeping both layers (instead of one value and a flag) is what lets a device keep
 * reporting under a manual value without ever replacing it, and lets a cleared manual value fall
 * back to the device's.
 */
public record MetricValue<T>(Optional<DeviceValue<T>> device, Optional<ManualValue<T>> manual) {

    public MetricValue {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(manual, "manual");
    }

    public static <T> MetricValue<T> none() {
        return new MetricValue<>(Optional.empty(), Optional.empty());
    }

    /** Manual beats device. */
    public Optional<T> effective() {
        Optional<T> fromManual = manual.map(ManualValue::value);
        return fromManual.isPresent() ? fromManual : device.map(DeviceValue::value);
    }

    public boolean isManual() {
        return manual.isPresent();
    }

    public MetricValue<T> withDevice(DeviceValue<T> reading) {
        return new MetricValue<>(Optional.of(reading), manual);
    }

    public MetricValue<T> withManual(ManualValue<T> value) {
        return new MetricValue<>(device, Optional.of(value));
    }

    public MetricValue<T> withoutManual() {
        return new MetricValue<>(device, Optional.empty());
    }

    /** Applies one field of a manual edit. */
    public MetricValue<T> edited(FieldEdit<T> edit, ManualAuthor author) {
        if (edit instanceof FieldEdit.SetTo<T> set) {
            return withManual(new ManualValue<>(set.value(), author.coach()));
        }
        if (edit instanceof FieldEdit.Clear<T>) {
            return withoutManual();
        }
        return this;
    }
}
