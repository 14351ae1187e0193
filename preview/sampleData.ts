/** The sample's raw material moved to src/domain/sampleData.ts (the bundle loads the sample too). */
export * from '../src/domain/sampleData';
