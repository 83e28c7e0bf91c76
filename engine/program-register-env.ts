/** Environment variable naming the folder of the TypeScript package the language host compiles the program with. */
export const PROGRAM_TYPESCRIPT_ENV = "HARDENED_CLUSTER_PROGRAM_TYPESCRIPT";
