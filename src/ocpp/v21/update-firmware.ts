/** OCPP 2.1's update-firmware has the 2.0.1 fields this uses; the 2.1 schemas validate it both ways. */
export { updateFirmware, updateSignedFirmware } from '../v201/update-firmware.ts';
