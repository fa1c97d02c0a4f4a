package org.courtyard.kiosk.voice;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareAction;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.Lamps;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Simulator;

/** Simulated hardware whose microphone is another one (a {@link ScriptedInput}); everything else is the sim's. */
public final class WithMicrophone implements Hardware {

    private final Hardware sim;
    private final Microphone microphone;

    public WithMicrophone(Hardware sim, Microphone microphone) {
        this.sim = sim;
        this.microphone = microphone;
    }

    @Override
    public Loudspeaker loudspeaker() {
        return sim.loudspeaker();
    }

    @Override
    public HelpButton helpButton() {
        return sim.helpButton();
    }

    @Override
    public HelpButton checkInButton() {
        return sim.checkInButton();
    }

    @Override
    public Lamps lamps() {
        return sim.lamps();
    }

    @Override
    public Microphone microphone() {
        return microphone;
    }

    @Override
    public List<DeviceHealth> health() {
        return sim.health().stream().filter(device -> !device.device().contains("microphone")).toList();
    }

    @Override
    public void addActionListener(Consumer<HardwareAction> listener) {
        sim.addActionListener(listener);
    }

    @Override
    public Optional<Simulator> simulator() {
        return sim.simulator();
    }

    @Override
    public void close() {
        sim.close();
    }
}
