import type { VideoBridgeState } from '@diemcau/shared';
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type VideoSlice = {
  /** The meeting's video bridge as the server sees it (`video:state`); null until the first arrives. */
  videoBridge: VideoBridgeState | null;
  /**
   * True while this page shows its video stage (device check, then the room): an MC's session
   * outlives a switch between console views, and the console's card says it is on.
   */
  videoStage: boolean;
  applyVideoState: (state: VideoBridgeState) => void;
  setVideoStage: (open: boolean) => void;
  clearVideo: () => void;
};

export const createVideoSlice: StateCreator<AppState, [], [], VideoSlice> = (set) => ({
  videoBridge: null,
  videoStage: false,

  // one socket delivers the states in order, and every connect starts with the current one
  applyVideoState: (videoBridge) => set({ videoBridge }),
  setVideoStage: (videoStage) => set({ videoStage }),
  clearVideo: () => set({ videoBridge: null, videoStage: false }),
});
