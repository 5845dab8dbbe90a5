export * from "./commitments";
export * from "./dealStage";
export * from "./dueDate";
export * from "./extractor";
export * from "./limits";
export * from "./span";
export * from "./learner";
export * from "./hybrid";
