/**
 * The hypervisor driver SPI, the bottom layer of compute (Nova's virt driver): the compute
 * manager asks a {@link io.strato.compute.virt.HypervisorDriver} to spawn, power, snapshot,
 * resize and destroy guests on its host, and reads back {@link io.strato.compute.virt.PowerState}s
 * to reconcile its records with what actually runs. Implementations: the real
 * {@code io.strato.compute.virt.qemu.QemuHypervisorDriver} and the in-memory
 * {@code io.strato.compute.virt.fake.FakeHypervisorDriver} for tests. Every implementation
 * passes {@code HypervisorDriverContract} (compute's test jar); optional operations are named
 * by {@link io.strato.compute.virt.DriverCapability}.
 */
package io.strato.compute.virt;
